import { LoadingState } from "@/components/ui/status";

/** Shown while an exchange's record loads. */
export default function Loading() {
  return <LoadingState label="Loading the exchange…" />;
}
