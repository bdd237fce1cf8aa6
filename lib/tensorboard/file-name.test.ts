import { eventFileName, FILE_VERSION, isEventFileName, nextFileCounter } from './file-name.js';

describe('event file names', () => {
  it('follow events.out.tfevents.<10-digit seconds>.<host>.<pid>.<n>.v2', () => {
    expect(eventFileName(1700000000.9, 3, 'box', 42)).toBe('events.out.tfevents.1700000000.box.42.3.v2');
    expect(eventFileName(12, 0, 'h', 1)).toBe('events.out.tfevents.0000000012.h.1.0.v2');
    expect(eventFileName(1700000000, 0, 'a/b\\c', 1)).toBe('events.out.tfevents.1700000000.a_b_c.1.0.v2');
    expect(eventFileName(Date.now() / 1000, nextFileCounter())).toMatch(
      /^events\.out\.tfevents\.\d{10}\.[^/]+\.\d+\.\d+\.v2$/,
    );
  });

  it('gets a new counter on every call', () => {
    const a = nextFileCounter();
    const b = nextFileCounter();
    expect(b).toBeGreaterThan(a);
  });

  it("are recognised as TensorBoard does (the name contains 'tfevents')", () => {
    expect(isEventFileName('events.out.tfevents.1.h.1.0.v2')).toBe(true);
    expect(isEventFileName('my.tfevents.file')).toBe(true);
    expect(isEventFileName('events.txt')).toBe(false);
    expect(FILE_VERSION).toBe('brain.Event:2');
  });
});
