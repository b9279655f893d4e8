import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The engine is used on its own from npm: every export of every entry point says what it is (TSDoc).
const ENTRIES = ['index.ts', 'identifiers/index.ts', 'words.ts', 'editing.ts', 'patterns.ts'].map((entry) => fileURLToPath(new URL(`../src/${entry}`, import.meta.url)));

describe('the public API', () => {
  it('documents every export of every entry point', () => {
    const program = ts.createProgram(ENTRIES, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true });
    const checker = program.getTypeChecker();
    const undocumented: string[] = [];
    let exports = 0;
    for (const entry of ENTRIES) {
      const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
      for (const exported of checker.getExportsOfModule(module)) {
        exports += 1;
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        if (ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === '') undocumented.push(`${entry.split('/src/')[1]}: ${exported.name}`);
      }
    }
    expect(exports).toBeGreaterThan(50);
    expect(undocumented).toEqual([]);
  });
});
