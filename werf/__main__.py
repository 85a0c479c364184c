from werf.cli import main

main(obj={})
