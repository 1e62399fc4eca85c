import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

/** Shown for an exchange id that does not exist. */
export default function ExchangeNotFound() {
  return (
    <EmptyState title="There is no such exchange">
      <p>
        The link may be mistyped, or the exchange id incomplete.{" "}
        <Link href="/audit" className="font-medium text-blue-800 underline">
          Search the audit trail
        </Link>{" "}
        instead.
      </p>
    </EmptyState>
  );
}
