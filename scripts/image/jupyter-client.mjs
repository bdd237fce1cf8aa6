/**
 * A small client of a Jupyter server's REST API and kernel websocket (Jupyter messaging protocol 5,
 * JSON over the `channels` websocket), enough to start a kernel and run cells as a browser would.
 * Needs a global WebSocket (Node.js >= 22, or 20 with --experimental-websocket).
 */
import { randomUUID } from 'node:crypto';

/** The server at `http://host:port<baseUrl>` with `token`. */
export function jupyterServer(origin, baseUrl, token) {
  const url = (p) => `${origin}${baseUrl}${p}${p.includes('?') ? '&' : '?'}token=${token}`;
  return {
    url,
    /** GET `api/status`: true when the server answers 200. */
    async answers() {
      try {
        const r = await fetch(url('api/status'), { signal: AbortSignal.timeout(2000) });
        return r.ok;
      } catch {
        return false;
      }
    },
    async get(p) {
      const r = await fetch(url(p), { signal: AbortSignal.timeout(10_000) });
      return { status: r.status, text: await r.text() };
    },
    async startKernel(name) {
      const r = await fetch(url('api/kernels'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      if (r.status !== 201) throw new Error(`POST api/kernels: ${r.status} ${await r.text()}`);
      return (await r.json()).id;
    },
    async deleteKernel(id) {
      await fetch(url(`api/kernels/${id}`), { method: 'DELETE' });
    },
    /** Opens the kernel's websocket; resolves to a {@link KernelSession}. */
    connect(kernelId) {
      const ws = new WebSocket(url(`api/kernels/${kernelId}/channels`).replace(/^http/, 'ws'));
      return new Promise((resolve, reject) => {
        ws.onerror = (e) => reject(new Error(`websocket: ${e.message ?? 'error'}`));
        ws.onopen = () => resolve(kernelSession(ws));
      });
    },
  };
}

/**
 * A kernel over its websocket. `execute(code)` resolves when the kernel has replied and gone idle
 * for that request: `{ status, outputs }`, the outputs as in a notebook (stream, display_data,
 * execute_result, error).
 */
function kernelSession(ws) {
  const session = randomUUID();
  const waiting = new Map();
  ws.onmessage = (event) => {
    const msg = JSON.parse(typeof event.data === 'string' ? event.data : Buffer.from(event.data).toString());
    const w = waiting.get(msg.parent_header?.msg_id);
    if (!w) return;
    const type = msg.header.msg_type;
    if (msg.channel === 'shell' && type === 'execute_reply') w.reply = msg.content;
    else if (msg.channel === 'iopub' && type === 'status' && msg.content.execution_state === 'idle') w.idle = true;
    else if (msg.channel === 'iopub' && ['stream', 'display_data', 'execute_result', 'error'].includes(type)) {
      w.outputs.push({ output_type: type, ...msg.content });
    }
    if (w.reply && w.idle) {
      waiting.delete(msg.parent_header.msg_id);
      w.resolve({ status: w.reply.status, outputs: w.outputs });
    }
  };
  return {
    execute(code, timeoutMs = 300_000) {
      const msgId = randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply in ${timeoutMs / 1000} s to:\n${code}`)), timeoutMs);
        waiting.set(msgId, {
          outputs: [],
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
        ws.send(
          JSON.stringify({
            header: {
              msg_id: msgId,
              msg_type: 'execute_request',
              session,
              username: 'lista5',
              version: '5.3',
              date: new Date().toISOString(),
            },
            parent_header: {},
            metadata: {},
            channel: 'shell',
            content: {
              code,
              silent: false,
              store_history: true,
              user_expressions: {},
              allow_stdin: false,
              stop_on_error: true,
            },
            buffers: [],
          }),
        );
      });
    },
    close() {
      ws.close();
    },
  };
}

/** The text of a cell's outputs (streams, text/plain, errors), as a notebook shows it. */
export function outputsText(outputs) {
  return outputs
    .map((o) => {
      if (o.output_type === 'stream') return o.text;
      if (o.output_type === 'error') return `[error] ${o.ename}: ${o.evalue}\n${(o.traceback ?? []).join('\n')}`;
      return o.data?.['text/plain'] ?? '';
    })
    .join('');
}
