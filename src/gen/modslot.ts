/**
 * GenExpr of `tr.modslot~`, one map slot of the device: the drum's timbre (tr.remap~'s loudness,
 * brightness and noisiness outputs, 0..1, held from hit to hit) as a modulation signal for
 * `live.modulate~` (−1..1; docs.cycling74.com/reference/live.modulate~: "A signal to the left inlet
 * within the range -1 to 1 modulates that parameter"). `range_lo`…`range_hi` is the part of the
 * source's 0..1 that spans the whole modulation; `depth` scales it (negative: inverted).
 */
export function trModSlotGenExpr(): string {
  return `// tr.modslot~: one map slot (src/gen/modslot.ts). in1..in3: loudness, brightness, noisiness (0..1).
// out1: depth * clamp((source - range_lo) / (range_hi - range_lo), 0, 1), for live.modulate~.
Param source(0, min=0, max=2);
Param depth(0.5, min=-1, max=1);
Param range_lo(0, min=0, max=1);
Param range_hi(1, min=0, max=1);

sv = source < 0.5 ? in1 : source < 1.5 ? in2 : in3;
u = 0;
if (range_hi > range_lo) {
	u = clamp((sv - range_lo) / (range_hi - range_lo), 0, 1);
} else {
	u = sv >= range_lo;
}
out1 = depth * u;
`;
}
