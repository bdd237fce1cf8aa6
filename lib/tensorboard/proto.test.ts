import { DataType, decodeEvent, encodeEvent, EventMessage } from './proto.js';

describe('Event protobuf encoding', () => {
  it("encodes the file-version event with TensorFlow's field numbers", () => {
    const bytes = encodeEvent({ wall_time: 1.5, step: 0, file_version: 'brain.Event:2' });
    // field 1 (wall_time, double): tag 0x09 + 8 bytes; field 3 (file_version, string): tag 0x1a + length.
    const expected = Buffer.concat([
      Buffer.from([0x09]),
      (() => {
        const b = Buffer.alloc(8);
        b.writeDoubleLE(1.5);
        return b;
      })(),
      Buffer.from([0x1a, 13]),
      Buffer.from('brain.Event:2'),
    ]);
    expect(Buffer.from(bytes).equals(expected)).toBe(true);
  });

  it('round-trips a summary with a scalar tensor, a string tensor, a simple_value and a legacy histogram', () => {
    const event: EventMessage = {
      wall_time: 1700000000.25,
      step: 2 ** 40 + 3,
      summary: {
        value: [
          {
            tag: 'loss',
            metadata: { plugin_data: { plugin_name: 'scalars' } },
            tensor: { dtype: DataType.DT_FLOAT, tensor_shape: {}, float_val: [0.5] },
          },
          {
            tag: 'note',
            metadata: { plugin_data: { plugin_name: 'text' } },
            tensor: { dtype: DataType.DT_STRING, tensor_shape: {}, string_val: [Buffer.from('olá')] },
          },
          { tag: 'zero', simple_value: 0 },
          {
            tag: 'old',
            histo: { min: -1, max: 2, num: 3, sum: 1, sum_squares: 6, bucket_limit: [0, 1, 2], bucket: [1, 1, 1] },
          },
        ],
      },
    };
    const back = decodeEvent(encodeEvent(event));
    expect(back.wall_time).toBe(1700000000.25);
    expect(back.step).toBe(2 ** 40 + 3);
    expect(back.file_version).toBeUndefined();
    const [loss, note, zero, old] = back.summary!.value;
    expect(loss.tag).toBe('loss');
    expect(loss.metadata?.plugin_data?.plugin_name).toBe('scalars');
    expect(loss.tensor?.dtype).toBe(DataType.DT_FLOAT);
    expect(loss.tensor?.float_val).toEqual([0.5]);
    expect(loss.simple_value).toBeUndefined();
    expect(Buffer.from(note.tensor!.string_val![0]).toString('utf8')).toBe('olá');
    // A simple_value of 0 is in a oneof, so it is present on the wire and comes back as set.
    expect(zero.simple_value).toBe(0);
    expect(zero.tensor).toBeUndefined();
    expect(old.histo).toEqual({
      min: -1,
      max: 2,
      num: 3,
      sum: 1,
      sum_squares: 6,
      bucket_limit: [0, 1, 2],
      bucket: [1, 1, 1],
    });
  });

  it('round-trips tensor shapes and raw tensor_content', () => {
    const content = new Uint8Array(new Float64Array([1, 2, 3, 4, 5, 6]).buffer);
    const back = decodeEvent(
      encodeEvent({
        wall_time: 0,
        step: 7,
        summary: {
          value: [
            {
              tag: 'h',
              tensor: {
                dtype: DataType.DT_DOUBLE,
                tensor_shape: { dim: [{ size: 2 }, { size: 3 }] },
                tensor_content: content,
              },
            },
          ],
        },
      }),
    );
    const t = back.summary!.value[0].tensor!;
    expect(t.tensor_shape!.dim!.map((d) => d.size)).toEqual([2, 3]);
    expect(Buffer.from(t.tensor_content!).equals(Buffer.from(content))).toBe(true);
  });

  it('rejects bytes that are not an Event', () => {
    expect(() => decodeEvent(Uint8Array.from([0x0a, 0xff, 0xff, 0xff]))).toThrow();
  });
});
