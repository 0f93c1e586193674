// Usage: npm run user:make-admin -- <user id>
// Grants the admin role (verification review, payouts) to an existing user.
import { eq } from "drizzle-orm";
import { changedRows } from "@/db";
import { users } from "@/db/schema";
import { writeTransaction } from "@/db/write";

const id = Number(process.argv[2]);
if (!Number.isInteger(id) || id <= 0) {
  console.error("Usage: npm run user:make-admin -- <user id>");
  process.exit(2);
}
const result = await writeTransaction((tx) =>
  tx.update(users).set({ role: "admin" }).where(eq(users.id, id)).run(),
);
if (changedRows(result) === 0) {
  console.error(`No user with id ${id}`);
  process.exit(1);
}
console.info(`User ${id} is now an admin`);
