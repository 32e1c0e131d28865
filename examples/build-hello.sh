#!/bin/sh
# The README's first command: packs the bundled example (examples/hello, a tiny program with a
# config file) into a .deb, an .rpm and a .tar.gz with pkgshift, then shows what it built.
set -e
cd "$(dirname "$0")/.."
out=dist/examples
mkdir -p "$out"
for target in deb rpm tar; do
  node dist/src/cli.js -s dir -t "$target" -n hello-example -v 1.0.0 --iteration 1 -a all \
    -m 'Jane Admin <jane@example.org>' --license MIT --url https://example.org/hello-example --category utils \
    --description "$(printf 'Greets the world from a package\nA shell script that prints the greeting configured in\n/etc/hello-example.conf, packaged by pkgshift.')" \
    -C examples/hello -p "$out/" -f .
done
node dist/src/cli.js info "$out/hello-example_1.0.0-1_all.deb"
