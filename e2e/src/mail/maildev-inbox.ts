/** A message as MailDev's REST API (`GET /api/email`, MailDev 3) lists it. */
interface MailDevMessage {
  subject: string;
  time: string;
  to: Array<{ address: string; name?: string }>;
  headers?: Record<string, string>;
}

/** What each person received since `since`, grouped by address, as MailDev (the inbox of `npm start`) saw it. */
export async function mailReceivedSince(maildevUrl: string, since: Date): Promise<Map<string, MailDevMessage[]> | null> {
  let messages: MailDevMessage[];
  try {
    const res = await fetch(`${maildevUrl}/api/email`);
    if (!res.ok) return null;
    messages = (await res.json()) as MailDevMessage[];
  } catch {
    return null;
  }
  const byAddress = new Map<string, MailDevMessage[]>();
  for (const message of messages.filter((m) => Date.parse(m.time) >= since.getTime() - 1_000)) {
    for (const { address } of message.to) byAddress.set(address, [...(byAddress.get(address) ?? []), message]);
  }
  return byAddress;
}

/** Waits until MailDev has taken no new message for `quietMs` (mail leaves a little after its event). */
export async function mailSettled(maildevUrl: string, since: Date, quietMs = 3_000, timeoutMs = 30_000): Promise<Map<string, MailDevMessage[]> | null> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let quietSince = Date.now();
  for (;;) {
    const received = await mailReceivedSince(maildevUrl, since);
    if (!received) return null;
    const count = [...received.values()].reduce((n, list) => n + list.length, 0);
    if (count !== last) {
      last = count;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs || Date.now() > deadline) {
      return received;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
