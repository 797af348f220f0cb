import { Task, TaskQueue } from './task-queue';

describe('TaskQueue', () => {
  const named = (name: string) => Object.assign(new Task(() => undefined), { name });
  const drain = (queue: TaskQueue) => {
    const taken: string[] = [];
    for (let task = queue.take(); task !== null; task = queue.take()) taken.push((task as Task & { name: string }).name);
    return taken;
  };

  it('gives tasks back in the order they were queued, each once', () => {
    const queue = new TaskQueue();
    const [a, b, c] = ['a', 'b', 'c'].map(named);
    expect([queue.add(a), queue.add(b), queue.add(a), queue.add(c)]).toEqual([true, true, false, true]);
    expect(queue.size).toBe(3);
    expect(drain(queue)).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
    expect(queue.take()).toBeNull();
  });

  it('skips a cancelled task, and puts one queued again after cancelling at the back', () => {
    const queue = new TaskQueue();
    const [a, b, c] = ['a', 'b', 'c'].map(named);
    queue.add(a);
    queue.add(b);
    queue.add(c);
    queue.cancel(b);
    queue.cancel(a);
    queue.add(a);
    expect(queue.size).toBe(2);
    expect(drain(queue)).toEqual(['c', 'a']);
  });

  it('holds a task in one queue at a time, and a cancel from another queue changes nothing', () => {
    const [first, second] = [new TaskQueue(), new TaskQueue()];
    const a = named('a');
    first.add(a);
    expect(second.add(a)).toBe(false);
    second.cancel(a);
    expect(first.size).toBe(1);
    expect(first.take()).toBe(a);
    expect(second.add(a)).toBe(true);
    expect(drain(second)).toEqual(['a']);
  });

  it('keeps the order of a queue that never empties, across the entries it drops', () => {
    const queue = new TaskQueue();
    const taken: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      queue.add(named(String(i)));
      expected.push(String(i));
      if (i % 3 !== 0) taken.push((queue.take() as Task & { name: string }).name);
    }
    taken.push(...drain(queue));
    expect(taken).toEqual(expected);
  });
});
