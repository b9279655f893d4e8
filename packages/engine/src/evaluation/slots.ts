import type { FactReference } from '../format/ruleFile.js';
import type { Getter } from './resolvePath.js';
import { compileGetter } from './resolvePath.js';

/**
 * The distinct fact reads of a rule file (fact and path), each given a slot:
 * a decision reads every slot once, and every comparison reads its slot.
 */
export class FactSlots {
  private readonly index = new Map<string, number>();
  readonly getters: Getter[] = [];

  /** The slot of a fact reference, allocated on first use. */
  slotOf(reference: FactReference): number {
    const key = `${reference.fact}\u0000${reference.path ?? ''}`;
    let slot = this.index.get(key);
    if (slot === undefined) {
      slot = this.getters.length;
      this.getters.push(compileGetter(reference));
      this.index.set(key, slot);
    }
    return slot;
  }
}
