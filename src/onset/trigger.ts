/**
 * Trigger logic of the reference mode (the adaptive mode adds a retrigger mask, adaptive.ts): fire when the onset function crosses the trigger
 * threshold upwards while armed and out of hold; disarm on firing; re-arm once the function falls
 * below the re-arm threshold (hysteresis). Two variants of the re-arm rule (settings.ts
 * `RearmLogic`): `training` = the Python reference (re-arm only after the hold has expired) and
 * `plugin` = the C++ plugin (re-arm at any time; the trigger sample neither counts down the hold
 * nor updates the previous value). Per-sample, no allocation.
 */
import type { RearmLogic } from './settings';

export class Trigger {
  private prev = Infinity;
  /** training: −1 = armed, >0 = hold samples left, 0 = hold over, waiting to re-arm. plugin: hold samples left. */
  private debounce = -1;
  private justTriggered = false;

  constructor(
    public triggerDb: number,
    public rearmDb: number,
    public holdSamples: number,
    private readonly logic: RearmLogic = 'training',
  ) {
    this.reset();
  }

  reset(): void {
    if (this.logic === 'training') {
      // Python `detect_onset` starts at i = 1: sample 0 has no predecessor and cannot trigger.
      this.prev = Infinity;
      this.debounce = -1;
    } else {
      this.prev = 0; // C++ prevValue = 0
      this.debounce = 0;
    }
    this.justTriggered = false;
  }

  /** True if `odfDb` (this sample's onset function) is an onset. */
  step(odfDb: number): boolean {
    return this.logic === 'training' ? this.stepTraining(odfDb) : this.stepPlugin(odfDb);
  }

  private stepTraining(x: number): boolean {
    let fired = false;
    if (x >= this.triggerDb && this.prev < this.triggerDb && this.debounce === -1) {
      fired = true;
      this.debounce = this.holdSamples;
    }
    if (this.debounce > 0) this.debounce--;
    if (this.debounce === 0 && x < this.rearmDb) this.debounce = -1;
    this.prev = x;
    return fired;
  }

  private stepPlugin(x: number): boolean {
    if (x >= this.triggerDb && !this.justTriggered && this.prev < this.triggerDb && this.debounce === 0) {
      this.justTriggered = true;
      this.debounce = this.holdSamples;
      return true; // the plugin returns here: no count-down, no re-arm check, prevValue kept
    } else if (this.debounce > 0) this.debounce--;
    if (this.justTriggered && x < this.rearmDb) this.justTriggered = false;
    this.prev = x;
    return false;
  }
}
