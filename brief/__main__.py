from brief.cli import main

main()
