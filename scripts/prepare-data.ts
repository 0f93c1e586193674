// `npm run db:migrate` and `npm run dev`: migrations, generated secrets and demo data (see prepare.ts).
import { prepareData } from "./prepare";

await prepareData();
