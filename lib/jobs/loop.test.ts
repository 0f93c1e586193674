import { describe, expect, it } from "vitest";
import { startJobLoop } from "@/lib/jobs/loop";
import type { JobStep } from "@/lib/jobs/step";

describe("startJobLoop", () => {
  it("runs passes in one process only; another takes over when the holder's lease expires", async () => {
    let time = new Date("2026-03-01T08:00:00Z").getTime();
    const clock = () => new Date(time);
    const passes: string[] = [];
    const recorder = (holder: string): JobStep[] => [
      {
        name: "record",
        run: async () => {
          passes.push(holder);
          return {};
        },
      },
    ];
    const a = startJobLoop({ clock, holder: "a", timer: false, steps: recorder("a") });
    const b = startJobLoop({ clock, holder: "b", timer: false, steps: recorder("b") });

    for (let minute = 0; minute < 3; minute += 1) {
      expect(await a.tick()).toBe("ran");
      expect(await b.tick()).toBe("not_holder");
      time += 60_000;
    }
    expect(passes).toEqual(["a", "a", "a"]);

    // a dies (stops ticking): b keeps being refused until a's lease (3 minutes) runs out
    a.stop();
    time += 60_000;
    expect(await b.tick()).toBe("not_holder");
    time += 2 * 60_000;
    expect(await b.tick()).toBe("ran");
    expect(passes.at(-1)).toBe("b");
    b.stop();
  });

  it("does not overlap a pass that is still running", async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const loop = startJobLoop({
      holder: "solo",
      timer: false,
      steps: [
        {
          name: "slow",
          run: async () => {
            await blocked;
            return {};
          },
        },
      ],
    });
    const first = loop.tick();
    expect(await loop.tick()).toBe("busy");
    release();
    expect(await first).toBe("ran");
    loop.stop();
  });
});
