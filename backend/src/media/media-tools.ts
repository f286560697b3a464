import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the server's video tools are (config `media.ffmpegPath` / `media.ffprobePath`). */
export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

/** The server cannot run a tool it needs: an operator's problem, said plainly, not "unreadable file". */
export class MissingToolError extends Error {
  constructor(
    readonly tool: keyof MediaTools,
    readonly path: string,
  ) {
    const setting = tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH';
    super(`${tool} could not be run (${path}): set ${setting} to an ${tool} binary to accept videos`);
  }
}

/** Runs one of the tools; a binary that is missing or not executable becomes a MissingToolError. */
export async function runTool(
  tools: MediaTools,
  tool: keyof MediaTools,
  args: string[],
  options: { encoding: 'buffer'; maxBuffer: number },
): Promise<Buffer>;
export async function runTool(tools: MediaTools, tool: keyof MediaTools, args: string[]): Promise<string>;
export async function runTool(
  tools: MediaTools,
  tool: keyof MediaTools,
  args: string[],
  options?: { encoding: 'buffer'; maxBuffer: number },
): Promise<string | Buffer> {
  try {
    return (await run(tools[tool], args, options ?? { encoding: 'utf8' })).stdout;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') throw new MissingToolError(tool, tools[tool]);
    throw error;
  }
}
