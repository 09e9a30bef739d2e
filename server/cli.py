"""The `reportgraph` command: a click group whose subcommands are registered in COMMANDS."""

from __future__ import annotations

from importlib import import_module

import click

#: Every subcommand as "module:attribute"; a new command is added here and nowhere else.
COMMANDS = (
    "server.commands.data:ingest_command",
    "server.commands.service:serve_command",
    "server.commands.service:query_command",
    "server.commands.data:dump_command",
    "server.commands.data:load_command",
    "server.commands.data:validate_command",
    "server.commands.export:export_command",
    "server.commands.link:link_command",
    "server.commands.extraction:extract_command",
    "server.commands.extraction:eval_command",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reportgraph")
def main() -> None:
    """reportgraph: conflict reports in, an RDF knowledge graph of actors, events, sources and figures out,
    served over SPARQL."""


for spec in COMMANDS:
    module, attribute = spec.split(":")
    main.add_command(getattr(import_module(module), attribute))
