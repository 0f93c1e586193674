/** The current time, injectable: time-based rules take a clock so tests can move it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
