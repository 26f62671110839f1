/** Contents of the benchmark template: copier.yml, templated files written the way real Copier templates are, static files. */

export const ANSWERS_FILE_TEMPLATE = '# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n{{ _copier_answers|to_nice_yaml -}}\n';

/** The default of `package_name` (derived from `project_name`), i.e. what `{{ package_name }}` renders to with --defaults. */
export const PACKAGE = 'acme_service';

export function copierYml(extraQuestion: boolean): string {
  return `_min_copier_version: "9.0.0"
_message_after_copy: |
  {{ project_name }} is ready. Next: cd into it, git init, and run ./scripts/bootstrap.sh

project_name:
  type: str
  help: Human-readable name of the project
  default: Acme Service

package_name:
  type: str
  help: Python package name
  default: "{{ project_name|lower|replace(' ', '_') }}"
  validator: "{% if not (package_name|regex_search('^[a-z][a-z0-9_]*$')) %}must be a valid Python identifier{% endif %}"

description:
  type: str
  help: One-line description
  default: A service that does useful things

port:
  type: int
  help: HTTP port
  default: 8080
  validator: "{% if port < 1024 or port > 65535 %}port must be between 1024 and 65535{% endif %}"

replicas:
  type: int
  help: Replicas in production
  default: 3

python_version:
  type: str
  help: Python version
  choices: ["3.11", "3.12", "3.13"]
  default: "3.12"

use_docker:
  type: bool
  help: Ship a Dockerfile?
  default: true

license:
  type: str
  help: License
  choices:
    MIT License: MIT
    Apache License 2.0: Apache-2.0
    GNU GPL v3: GPL-3.0
  default: Apache-2.0

ci_provider:
  type: str
  help: CI system
  choices: [github, gitlab, none]
  default: github
${extraQuestion ? '\nenable_metrics:\n  type: bool\n  help: Export Prometheus metrics?\n  default: false\n' : ''}`;
}

export const optionLine = (n: number) => `option_${String(n).padStart(3, '0')} = ${n}`;

type Block = () => string[];

const BLOCKS: Block[] = [
  () => [
    '{%- if use_docker %}',
    'docker_image = "registry.example.com/{{ slug }}:py{{ python_version }}"',
    'docker_port = {{ port }}',
    '{%- else %}',
    'docker_image = ""',
    '{%- endif %}',
  ],
  () => ['{%- for n in range(replicas) %}', 'replica_{{ n }} = "{{ package_name }}-{{ n }}.internal:{{ port + n }}"', '{%- endfor %}'],
  () => [
    '{%- if license == "MIT" %}',
    'license = "MIT"',
    '{%- elif license == "Apache-2.0" %}',
    'license = "Apache-2.0"',
    '{%- else %}',
    'license = "{{ license|upper }}"',
    '{%- endif %}',
  ],
  () => ['meta = {{ {"name": project_name, "package": package_name, "port": port, "docker": use_docker, "replicas": replicas}|to_json }}'],
  () => [
    '{%- for env in ["dev", "staging", "prod"] %}',
    '',
    '[env.{{ env }}]',
    'url = "https://{{ env }}.{{ slug }}.example.com"',
    'debug = {{ "true" if env == "dev" else "false" }}',
    '{%- endfor %}',
  ],
  () => ['{%- if ci_provider == "github" %}', 'ci = "github-actions"', '{%- elif ci_provider == "gitlab" %}', 'ci = "gitlab-ci"', '{%- endif %}'],
  () => ['summary = "{{ project_name|upper }} ({{ project_name|lower }}): {{ description|length }} chars, steps {{ ["lint", "test", "build"]|join(", ") }}"'],
  () => ['heading = "{{ description|title }}"', 'endpoint = "{{ "%s:%d"|format(slug, port) }}"'],
  () => ['run = "{% raw %}${{ secrets.DEPLOY_TOKEN }} {{ not_rendered }}{% endraw %}"'],
];

const MACRO = [
  '{%- macro setting(key, value) %}',
  '{{ key }} = {{ value|to_json }}',
  '{%- endmacro %}',
  '{{- setting("service", package_name) }}',
  '{{- setting("port", port) }}',
  '{{- setting("docker", use_docker) }}',
];

/** A templated file of about `target` lines: option lines (the lines versions and users edit) between Jinja blocks. */
export function templatedLines(rel: string, r: () => number, target: number): { lines: string[]; options: number } {
  const lines = [
    `{#- ${rel}: part of the benchmark template -#}`,
    '{%- set slug = package_name|replace("_", "-") -%}',
    '# {{ project_name }}: {{ description }}',
    '# package {{ package_name }} ({{ slug }}), Python {{ python_version }}',
    '',
  ];
  let options = 0;
  let macro = false;
  while (lines.length < target) {
    const run = 1 + Math.floor(r() * 3);
    for (let i = 0; i < run; i++) lines.push(optionLine(++options));
    if (!macro && r() < 0.15) {
      macro = true;
      lines.push(...MACRO);
    } else lines.push(...BLOCKS[Math.floor(r() * BLOCKS.length)]!());
  }
  for (let i = 0; i < 3; i++) lines.push(optionLine(++options));
  return { lines, options };
}

export function staticText(rel: string, r: () => number, kind: 'md' | 'cfg' | 'csv' | 'txt' | 'helm'): string {
  const n = 10 + Math.floor(r() * 60);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (kind === 'md') out.push(i === 0 ? `# ${rel}` : `Paragraph ${i} of the reference: steady prose about operating the service.`);
    else if (kind === 'cfg') out.push(i === 0 ? '[defaults]' : `key_${i} = ${Math.floor(r() * 1000)}`);
    else if (kind === 'csv') out.push(i === 0 ? 'id,name,score' : `${i},item-${i},${(r() * 100).toFixed(2)}`);
    else if (kind === 'helm') out.push(i === 0 ? 'apiVersion: apps/v1' : `  field${i}: {{ .Values.field${i} | default "x" }}`);
    else out.push(`line ${i}`);
  }
  return `${out.join('\n')}\n`;
}

export function script(name: string, r: () => number): string {
  const steps = Array.from({ length: 5 + Math.floor(r() * 20) }, (_, i) => `echo "step ${i}"`);
  return `#!/usr/bin/env bash\n# ${name}\nset -euo pipefail\n\n${steps.join('\n')}\n`;
}

export function binary(r: () => number, header: number[]): Buffer {
  const size = 1024 + Math.floor(r() * 40 * 1024);
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = r() < 0.2 ? 0 : Math.floor(r() * 256);
  Buffer.from(header).copy(data);
  return data;
}
