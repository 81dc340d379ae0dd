/**
 * Records a Chromium trace of one page and works out, from it, how much of
 * the renderer's main thread the extension used and which long tasks it
 * caused.
 *
 * Attribution: script that the trace names by URL (EvaluateScript,
 * FunctionCall) belongs to whoever owns the URL; the extension's URLs start
 * with chrome-extension://. Promise continuations (the scanner resumes after
 * `scheduler.yield()` in a microtask) carry no URL, but the generated pages
 * create no promises, so microtask time outside any named function is the
 * extension's too.
 *
 * Time: every figure comes as wall time and as the main thread's CPU time
 * (the trace's thread time). The benchmark machine is shared, and a task
 * that needs 20 ms of CPU can take 60 ms of wall time while another process
 * holds the core; CPU time measures the work itself. Long tasks are judged
 * on CPU time for that reason.
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, when the trace records it. */
  tts?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string }; beginData?: { url?: string } };
}

export interface ThreadUse {
  /** Milliseconds of main-thread script that belong to the extension: wall time, and CPU time. */
  extensionMs: number;
  extensionCpuMs: number;
  /** Milliseconds of main-thread script that belong to the page (CPU). */
  pageCpuMs: number;
  /** Milliseconds of busy main thread, every top-level task (CPU). */
  taskCpuMs: number;
  /** Tasks over 50 ms of CPU that would have stayed under 50 ms without the extension's share. */
  extensionLongTasks: number;
  /** The most extension time spent in one task: wall time, and CPU time. */
  longestExtensionSliceMs: number;
  longestExtensionSliceCpuMs: number;
  /** How many separate tasks ran extension script. */
  extensionTasks: number;
  /** Tasks over 50 ms of CPU, whatever caused them (rendering included). */
  longTasks: number;
  /** Trace time (µs) when the extension's last script ended, if it ran. */
  lastExtensionEnd?: number;
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'v8.execute', 'blink.user_timing'];
const LONG_TASK_MS = 50;

/** Starts tracing; the returned function stops it and resolves with the events. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const onData = (event: { value: Record<string, unknown>[] }) => {
    for (const e of event.value) events.push(e as unknown as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

export interface Thread {
  pid: number;
  tid: number;
}

/** The renderer main thread that parsed `pageUrl`. */
export function mainThreadOf(events: readonly TraceEvent[], pageUrl: string): Thread {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.startsWith(pageUrl));
  if (!parse) throw new Error(`The trace holds no ParseHTML for ${pageUrl}: was the page loaded while tracing?`);
  return { pid: parse.pid, tid: parse.tid };
}

/** How the extension and the page used one renderer main thread during a trace. */
export function threadUse(events: readonly TraceEvent[], main: Thread): ThreadUse {
  const onMain = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid);

  // Tasks are the outermost events: RunTask, and also RunYieldContinuation, which
  // resumes after scheduler.yield() outside any RunTask.
  const tasks = outermost(onMain);
  const slices = scriptSlices(onMain.filter((e) => SCRIPT_EVENTS.has(e.name)));

  const use: ThreadUse = {
    extensionMs: 0,
    extensionCpuMs: 0,
    pageCpuMs: 0,
    taskCpuMs: 0,
    extensionLongTasks: 0,
    longestExtensionSliceMs: 0,
    longestExtensionSliceCpuMs: 0,
    extensionTasks: 0,
    longTasks: 0,
  };
  for (const slice of slices) {
    if (slice.owner === 'extension') {
      use.extensionMs += slice.ms;
      use.extensionCpuMs += slice.cpuMs;
      use.lastExtensionEnd = Math.max(use.lastExtensionEnd ?? 0, slice.end);
    } else use.pageCpuMs += slice.cpuMs;
  }
  let s = 0;
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    let wall = 0;
    let cpu = 0;
    while (s < slices.length && slices[s]!.ts < task.ts) s++;
    for (let k = s; k < slices.length && slices[k]!.ts < end; k++) {
      if (slices[k]!.owner !== 'extension') continue;
      wall += slices[k]!.ms;
      cpu += slices[k]!.cpuMs;
    }
    const taskCpu = cpuOf(task);
    use.taskCpuMs += taskCpu;
    if (taskCpu > LONG_TASK_MS) use.longTasks++;
    if (wall > 0) use.extensionTasks++;
    use.longestExtensionSliceMs = Math.max(use.longestExtensionSliceMs, wall);
    use.longestExtensionSliceCpuMs = Math.max(use.longestExtensionSliceCpuMs, cpu);
    if (taskCpu > LONG_TASK_MS && cpu > 0 && taskCpu - cpu <= LONG_TASK_MS) use.extensionLongTasks++;
  }
  return use;
}

/** Wall and CPU milliseconds between two performance.mark() calls on the page's main thread. */
export function markedSpan(events: readonly TraceEvent[], main: Thread, from: string, to: string): { ms: number; cpuMs: number } {
  const find = (name: string) => events.find((e) => e.name === name && e.pid === main.pid && e.tid === main.tid && e.cat.includes('user_timing'));
  const start = find(from);
  const end = find(to);
  if (!start || !end) throw new Error(`The trace lacks the marks ${from} and ${to}.`);
  return { ms: (end.ts - start.ts) / 1000, cpuMs: ((end.tts ?? 0) - (start.tts ?? 0)) / 1000 };
}

// --- Implementation helpers ---

const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'RunMicrotasks']);

interface Slice {
  ts: number;
  /** When the event the slice belongs to ended (µs). */
  end: number;
  ms: number;
  cpuMs: number;
  owner: 'extension' | 'page';
}

/** An event's CPU milliseconds; its wall time when the trace has no thread time. */
function cpuOf(event: TraceEvent): number {
  return (event.tdur ?? event.dur ?? 0) / 1000;
}

/** Events not nested in another of the same list (sorted by start). */
function outermost(events: TraceEvent[]): TraceEvent[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of sorted) {
    if (e.ts >= end) {
      out.push(e);
      end = e.ts + (e.dur ?? 0);
    }
  }
  return out;
}

/**
 * Splits nested script events into exclusive slices, each with an owner:
 * a named function's own time goes to its URL's owner, a microtask
 * checkpoint's own time to the extension (see the header comment).
 */
function scriptSlices(events: TraceEvent[]): Slice[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const slices: Slice[] = [];
  const stack: { event: TraceEvent; end: number; childUs: number; childCpuMs: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1]!.end <= upTo) {
      const top = stack.pop()!;
      const own = (top.event.dur ?? 0) - top.childUs;
      const ownCpu = cpuOf(top.event) - top.childCpuMs;
      slices.push({ ts: top.event.ts, end: top.end, ms: Math.max(0, own) / 1000, cpuMs: Math.max(0, ownCpu), owner: ownerOf(top.event) });
      if (stack.length) {
        stack[stack.length - 1]!.childUs += top.event.dur ?? 0;
        stack[stack.length - 1]!.childCpuMs += cpuOf(top.event);
      }
    }
  };
  for (const event of sorted) {
    close(event.ts);
    stack.push({ event, end: event.ts + (event.dur ?? 0), childUs: 0, childCpuMs: 0 });
  }
  close(Infinity);
  return slices.sort((a, b) => a.ts - b.ts);
}

function ownerOf(event: TraceEvent): 'extension' | 'page' {
  if (event.name === 'RunMicrotasks') return 'extension';
  return event.args?.data?.url?.startsWith('chrome-extension://') ? 'extension' : 'page';
}
