import { z } from "zod";

// Answer schemas (the API contract) shared by the verification endpoints.

export const reviewState = z.enum(["pending", "approved", "rejected"]);
