import { MimeBundle, setDisplaySink } from '../notebook/display';
import { HEADLESS_ENV, showTensorBoard } from './show-tensorboard';
import { runningTensorBoards } from './tensorboard-server';

describe('showTensorBoard', () => {
  it('in a headless run, starts nothing and tells how to open TensorBoard', async () => {
    const outputs: MimeBundle[] = [];
    const restore = setDisplaySink((bundle) => outputs.push(bundle));
    process.env[HEADLESS_ENV] = '1';
    try {
      expect(await showTensorBoard({ logDir: '/tmp/lista5-logs' })).toBeUndefined();
    } finally {
      delete process.env[HEADLESS_ENV];
      restore();
    }
    expect(runningTensorBoards().size).toBe(0);
    expect(outputs).toHaveLength(1);
    expect(outputs[0]['text/plain']).toBe(
      'TensorBoard não aberto (execução sem navegador). Para ver os logs em /tmp/lista5-logs: npm run tensorboard',
    );
    expect(String(outputs[0]['text/html'])).not.toMatch(/<iframe|href=/);
  });
});
