import { runTitle } from "@/components/runs/run-title";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/fields";
import type { RunListItem } from "@/lib/runs/run-types";

/** Chooses two runs to compare; a plain GET form to /runs/compare, so the choice is in the URL. */
export function RunPicker({ runs, a, b }: { runs: RunListItem[]; a?: string; b?: string }) {
  const options = runs.map((run) => (
    <option key={run.id} value={run.id}>
      {runTitle(run)} ({run.status}, {run.createdAt.slice(0, 10)})
    </option>
  ));
  return (
    <form method="get" action="/runs/compare" aria-label="Choose two runs to compare" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="min-w-56 flex-1">
        <SelectField id="compare-a" name="a" label="Run A" defaultValue={a ?? ""} required>
          <option value="" disabled>
            Choose a run
          </option>
          {options}
        </SelectField>
      </div>
      <div className="min-w-56 flex-1">
        <SelectField id="compare-b" name="b" label="Run B" defaultValue={b ?? ""} required>
          <option value="" disabled>
            Choose a run
          </option>
          {options}
        </SelectField>
      </div>
      <Button type="submit">Compare runs</Button>
    </form>
  );
}
