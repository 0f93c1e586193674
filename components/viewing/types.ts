/** Legacy status 2 and beyond: the fee was paid. */
export const isPaid = (status: number) => status >= 2;
