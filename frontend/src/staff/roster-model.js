// The dashboard's picture of the workshop, kept from the live feed's messages (docs/workshop-api.md, "The
// live feed"): {"type": "roster", ...Roster}, {"type": "learner", learner}, {"type": "workshop", workshop}.
// No DOM; the dashboard asks it what changed and redraws only that.

export class RosterModel {
  constructor() {
    this.workshop = null;
    this.stages = [];
    this.stuckAfterSeconds = 0;
    this.stuckFailures = 0;
    this.order = []; // learner ids, in the order rows show
    this.rows = new Map(); // learner id -> LearnerRow
    this.receivedAt = new Map(); // learner id -> when its row arrived (ms), for the ticking idle time
  }

  /** Whether a roster has arrived yet. */
  get ready() {
    return this.workshop !== null;
  }

  /**
   * Takes one feed message; answers what changed: {kind: 'roster'} (redraw everything), {kind: 'learner', id,
   * added} (one row), {kind: 'workshop'} (the header), or {kind: 'ignored'}.
   */
  apply(message, nowMs = Date.now()) {
    switch (message?.type) {
      case 'roster': {
        this.workshop = message.workshop || this.workshop;
        this.stages = Array.isArray(message.stages) ? message.stages : [];
        this.stuckAfterSeconds = message.stuckAfterSeconds ?? this.stuckAfterSeconds;
        this.stuckFailures = message.stuckFailures ?? this.stuckFailures;
        this.order = [];
        this.rows.clear();
        this.receivedAt.clear();
        for (const row of message.learners || []) this.put(row, nowMs);
        return { kind: 'roster' };
      }
      case 'learner': {
        const row = message.learner;
        if (!row?.id) return { kind: 'ignored' };
        const added = this.put(row, nowMs);
        if (added && this.workshop) this.workshop = { ...this.workshop, learners: this.order.length };
        return { kind: 'learner', id: row.id, added };
      }
      case 'workshop':
        if (!message.workshop) return { kind: 'ignored' };
        this.workshop = message.workshop;
        return { kind: 'workshop' };
      default:
        return { kind: 'ignored' };
    }
  }

  /** The settings stuckState() reads. */
  get thresholds() {
    return { stuckAfterSeconds: this.stuckAfterSeconds, stuckFailures: this.stuckFailures };
  }

  row(id) {
    return this.rows.get(id) || null;
  }

  /** The rows in display order. */
  list() {
    return this.order.map((id) => this.rows.get(id));
  }

  put(row, nowMs) {
    const added = !this.rows.has(row.id);
    if (added) this.order.push(row.id);
    this.rows.set(row.id, row);
    this.receivedAt.set(row.id, nowMs);
    return added;
  }
}
