from stdkg.cli import main

main()
