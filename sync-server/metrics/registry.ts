/** A small Prometheus registry: counters we increment and gauges read at scrape time. */

type Labels = Record<string, string>;
type Sample = [labels: Labels, value: number];

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  collect(): Sample[];
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

const escapeLabel = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Labels): string => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
};

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string): Counter {
    const values = new Map<string, Sample>();
    this.add({ name, help, type: 'counter', collect: () => [...values.values()] });
    return {
      inc(labels = {}, by = 1) {
        const key = labelText(labels);
        const sample = values.get(key);
        if (sample) sample[1] += by;
        else values.set(key, [labels, by]);
      },
    };
  }

  /** A value computed at scrape time; `type` 'counter' for monotonic totals read from elsewhere. */
  collected(
    name: string,
    help: string,
    collect: () => number | Sample[],
    type: 'counter' | 'gauge' = 'gauge',
  ): void {
    this.add({
      name,
      help,
      type,
      collect: () => {
        const value = collect();
        return typeof value === 'number' ? [[{}, value]] : value;
      },
    });
  }

  /** The text exposition format, version 0.0.4. */
  render(): string {
    const lines: string[] = [];
    for (const family of this.families.values()) {
      lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
      for (const [labels, value] of family.collect())
        lines.push(`${family.name}${labelText(labels)} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private add(family: Family): void {
    if (this.families.has(family.name))
      throw new Error(`metric ${family.name} is registered twice`);
    this.families.set(family.name, family);
  }
}
