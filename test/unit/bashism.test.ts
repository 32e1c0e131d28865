// The bashism check reads shell structure: every construct of the catalogue is found on an indented
// line inside a `case` branch, an `if`, and a function; inside a here-document only expansions are
// found, and only when the delimiter is unquoted (the shell expands those, and nothing else there).
// The same text in single quotes or a comment is never a finding.
import assert from 'node:assert/strict';
import test from 'node:test';
import { findBashisms } from '../../src/lint/bashism.js';

/** Each construct as one line of code, and whether the shell expands it inside a here-document. */
const CONSTRUCTS: { construct: string; line: string; expansion?: boolean }[] = [
  { construct: '[[ … ]] test', line: '[[ -f /etc/hello ]] && echo yes' },
  { construct: "'==' in test", line: '[ "$1" == configure ] && echo yes' },
  { construct: 'unary -a in test', line: 'test -a /etc/hello && echo yes' },
  { construct: 'function keyword', line: 'function greet { echo hi; }' },
  { construct: "'source' instead of '.'", line: 'source /usr/share/debconf/confmodule' },
  { construct: "'.' with arguments", line: '. /usr/lib/hello/functions start' },
  { construct: 'brace expansion', line: 'rm -f /var/lib/hello/{a,b}.db' },
  { construct: "here-string '<<<'", line: 'read -r x <<< "$1"' },
  { construct: "$'…' string", line: "IFS=$'\\n'" },
  { construct: "'$[…]' arithmetic", line: 'n=$[n+1]' },
  { construct: "'((…))' arithmetic command", line: '((count++))' },
  { construct: "'&>' redirection", line: 'update-rc.d hello defaults &> /dev/null' },
  { construct: "'|&' pipe", line: 'hello --version |& head -1' },
  { construct: "'>& file' redirection", line: 'hello >& /dev/null' },
  { construct: 'process substitution', line: 'diff <(sort a) b' },
  { construct: 'array assignment', line: 'list[0]=hello' },
  { construct: "'+=' assignment", line: 'PATH+=:/usr/lib/hello' },
  { construct: 'array or substring expansion', line: 'echo ${version:0:3}', expansion: true },
  { construct: "'${var/a/b}' substitution", line: 'echo ${version/-/.}', expansion: true },
  { construct: "'${!var}' indirection", line: 'echo ${!name}', expansion: true },
  { construct: 'bash-only variable', line: 'echo $RANDOM', expansion: true },
  { construct: 'bash builtin', line: 'declare -r x=1' },
  { construct: "'ulimit'", line: 'ulimit -n 4096' },
  { construct: "'local -x'", line: 'local -r name=hello' },
  { construct: "'echo -e'", line: 'echo -e "a\\tb"' },
  { construct: "'read' without a variable or with options other than -r", line: 'read -p "continue? " answer' },
  { construct: "'exec -a/-c/-l'", line: 'exec -a hello /usr/bin/hello' },
  { construct: "'set -B/-H/-T'", line: 'set -B' },
];

const CONTEXTS: { name: string; wrap: (line: string) => string }[] = [
  { name: 'a case branch', wrap: (l) => `case "$1" in\n  configure|upgrade)\n    ${l}\n    ;;\n  *) : ;;\nesac\n` },
  { name: 'a case pattern line', wrap: (l) => `case "$1" in\n  configure) ${l} ;;\nesac\n` },
  { name: 'an if', wrap: (l) => `if [ -x /usr/bin/hello ]; then\n\t${l}\nfi\n` },
  { name: 'a function', wrap: (l) => `setup() {\n  ${l}\n}\nsetup\n` },
  { name: 'a line after a here-document', wrap: (l) => `cat > /etc/hello.conf <<EOF\ngreeting=hi\nEOF\n  ${l}\n` },
];

const found = (script: string) => findBashisms(`#!/bin/sh\nset -e\n${script}`).map((b) => b.construct);

for (const { construct, line, expansion } of CONSTRUCTS) {
  test(`bashism: ${construct}`, () => {
    for (const { name, wrap } of CONTEXTS) {
      assert.ok(found(wrap(line)).includes(construct), `${construct} not found in ${name}: ${wrap(line)}`);
    }
    // In a here-document the line is text; the shell still expands it when the delimiter is unquoted.
    const unquoted = found(`cat <<EOF\n${line}\nEOF\necho done\n`);
    assert.equal(unquoted.includes(construct), expansion === true, `here-document: ${JSON.stringify(unquoted)}`);
    assert.deepEqual(found(`cat <<'EOF'\n${line}\nEOF\n`), [], 'a quoted here-document is only text');
    assert.deepEqual(found(`cat <<-EOF\n\tx\n\tEOF\ntrue\n`), []);
    // Quoted or commented, it is text.
    assert.deepEqual(found(`echo '${line.replace(/'/g, '')}'\n`), [], 'single-quoted text');
    assert.deepEqual(found(`# ${line}\n`), [], 'a comment');
  });
}

test('the line number of a bashism is the line of the script', () => {
  assert.deepEqual(findBashisms('#!/bin/sh\n\ncase x in\n  a)\n    source /etc/x ;;\nesac\n'), [{ line: 5, construct: "'source' instead of '.'" }]);
});

test('POSIX constructs that look alike are not bashisms', () => {
  const posix = [
    '. /usr/share/debconf/confmodule', 'read -r line', 'x=$((x + 1))', 'echo "$@"', '[ "$1" = configure ]', 'local name',
    'command -v hello >/dev/null 2>&1', 'exec >&2', 'cat <<EOF >/dev/null\n[[ text ]] source x\nEOF', 'trap \'rm -f "$tmp"\' EXIT',
    'printf "%s\\n" "a,b"', 'case "$x" in *{*) ;; esac', 'echo "${x%-*}" "${x#*:}" "${x:-default}" "${#x}"',
  ];
  for (const line of posix) assert.deepEqual(found(`${line}\n`), [], line);
});
