/** Tracks running promises so a caller can wait until none is left (graceful shutdown, tests). */
export interface InFlight {
  track<T>(p: Promise<T>): Promise<T>;
  idle(): Promise<void>;
}

/** Creates a tracker. */
export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(p) {
      const settled = p.then(
        () => undefined,
        () => undefined,
      );
      running.add(settled);
      void settled.then(() => running.delete(settled));
      return p;
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
