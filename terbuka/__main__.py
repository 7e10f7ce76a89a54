from terbuka.cli import main

main()
