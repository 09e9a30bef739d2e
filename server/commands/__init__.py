"""The CLI's subcommands, one module per area; `server.cli.COMMANDS` registers them."""
