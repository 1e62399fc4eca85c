import Link from "next/link";
import type { ReactNode } from "react";
import { LocalTime } from "@/components/ui/local-time";
import type { ExchangeDetail } from "@/lib/audit/get-exchange-detail";
import { parseRunItem } from "@/lib/pipeline/run-items";

/** "question 4 × B", and the attempt when the item was answered again after a failure. */
function describeRunItem(runItem: string): string {
  const { key, questionIndex, attempt } = parseRunItem(runItem);
  const item = questionIndex >= 0 ? `question ${questionIndex + 1} × ${key.slice(key.indexOf(":") + 1)}` : `item ${key}`;
  return attempt > 1 ? `${item}, attempt ${attempt}` : item;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-3">
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className="break-words text-sm text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

const link = "font-medium text-blue-800 underline";

/** When, who, which scenario and model settings, which versions were in force, and where the exchange belongs. */
export function ExchangeFacts({ exchange }: { exchange: ExchangeDetail }) {
  const options = Object.entries(exchange.scenario.options);
  return (
    <dl className="divide-y divide-slate-100">
      <Fact term="Recorded">
        <LocalTime iso={exchange.createdAt} />
      </Fact>
      <Fact term="Source">{exchange.source}</Fact>
      <Fact term="Asked by">{exchange.askedBy ? `${exchange.askedBy.name} (${exchange.askedBy.email})` : "No account (batch run or deleted user)"}</Fact>
      <Fact term="Scenario">
        {exchange.scenario.id}
        {exchange.scenario.name && ` · ${exchange.scenario.name}`}
      </Fact>
      <Fact term="Model">
        {exchange.scenario.provider} · {exchange.scenario.model} · retrieval {exchange.scenario.retrieval ? "on" : "off"}
      </Fact>
      <Fact term="Model settings">
        {options.length === 0 ? (
          "none recorded"
        ) : (
          <ul>
            {options.map(([name, value]) => (
              <li key={name}>
                <span className="text-slate-700">{name}</span>: <code>{typeof value === "string" ? value : JSON.stringify(value)}</code>
              </li>
            ))}
          </ul>
        )}
      </Fact>
      <Fact term="Versions in force">
        rule pack v{exchange.versions.ruleSet} · settings v{exchange.versions.settings} · store {exchange.versions.store ?? "none"}
      </Fact>
      <Fact term="Outside Australia">
        {exchange.transfer ? (
          <>
            Sent to {exchange.transfer.service} under the approval of {exchange.transfer.decidedBy ?? "an administrator"} on{" "}
            <LocalTime iso={exchange.transfer.decidedAt} />: “{exchange.transfer.assessment}”
          </>
        ) : (
          "No: not sent to a service known to be outside Australia"
        )}
      </Fact>
      {exchange.conversation && (
        <Fact term="Conversation">
          Question {exchange.conversation.turn + 1} of “{exchange.conversation.title}”.{" "}
          <Link href={`/audit?conversation=${encodeURIComponent(exchange.conversation.id)}&sort=oldest`} className={link}>
            Every exchange in this conversation
          </Link>
        </Fact>
      )}
      {exchange.run && (
        <Fact term="Evaluation run">
          {exchange.run.name || exchange.run.id}
          {exchange.run.item && ` (${describeRunItem(exchange.run.item)})`}.{" "}
          <Link href={`/audit?run=${encodeURIComponent(exchange.run.id)}`} className={link}>
            Every exchange in this run
          </Link>
        </Fact>
      )}
      <Fact term="Exchange id">
        <code>{exchange.id}</code>
      </Fact>
    </dl>
  );
}
