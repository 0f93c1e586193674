import type { SelectHTMLAttributes } from "react";
import { SLOT_TEXT, SLOTS, type Slot } from "@/lib/viewings/states";

/** The time slots of a viewing day, as a select (the tenant's wish, the landlord's proposal). */
export function SlotSelect({
  value,
  onChange,
  ...props
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange"> & {
  value: Slot;
  onChange: (slot: Slot) => void;
}) {
  return (
    <select {...props} value={value} onChange={(event) => onChange(event.target.value as Slot)}>
      {SLOTS.map((each) => (
        <option key={each} value={each}>
          {SLOT_TEXT[each]}
        </option>
      ))}
    </select>
  );
}
