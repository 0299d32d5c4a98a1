import { expect } from 'chai';
import fc from 'fast-check';
import { BinaryHeap } from '../../../lib/sim/binary-heap';

describe('BinaryHeap', () => {
  it('pops in comparator order, like sorting (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 200 }), (values) => {
        const heap = new BinaryHeap<number>((a, b) => a - b);
        values.forEach((value) => heap.push(value));
        const popped: number[] = [];
        for (let value = heap.pop(); value !== undefined; value = heap.pop()) popped.push(value);
        expect(popped).to.deep.equal([...values].sort((a, b) => a - b));
      }),
    );
  });

  it('matches a sorted-array model under interleaved pushes and pops (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer(), { nil: undefined }), { maxLength: 300 }), (operations) => {
        const heap = new BinaryHeap<number>((a, b) => b - a);
        const model: number[] = [];
        for (const operation of operations) {
          if (operation === undefined) {
            model.sort((a, b) => b - a);
            expect(heap.pop()).to.equal(model.shift());
          } else {
            heap.push(operation);
            model.push(operation);
          }
          expect(heap.size).to.equal(model.length);
        }
      }),
    );
  });

  it('peek shows the top without removing it; pop on empty gives undefined', () => {
    const heap = new BinaryHeap<number>((a, b) => a - b);
    expect(heap.pop()).to.equal(undefined);
    heap.push(3);
    heap.push(1);
    expect(heap.peek()).to.equal(1);
    expect(heap.size).to.equal(2);
  });
});
