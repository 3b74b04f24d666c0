from django.core.management.base import BaseCommand, CommandError

from ccnt.search import synth


class Command(BaseCommand):
    help = ("Make N synthetic published policies (seeded, deterministic; bodies recombined from the "
            "shared corpus) and index them; --delete removes every synthetic policy.")

    def add_arguments(self, parser):
        parser.add_argument("n", nargs="?", type=int, default=0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--delete", action="store_true", help="remove all synthetic policies")

    def handle(self, *args, **options):
        if options["delete"]:
            self.stdout.write(f"synthetic policies removed: {synth.delete()}")
            if not options["n"]:
                return
        if options["n"] <= 0:
            raise CommandError("give the number of policies to make, e.g. ccnt synth 1000")
        from ccnt.tracker.models import Policy

        start = Policy.objects.filter(import_key__startswith=f"{synth.KEY_PREFIX}{options['seed']}:").count()

        def progress(done: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done} / {options['n']}")

        made = synth.create(options["n"], seed=options["seed"], start=start, progress=progress)
        self.stdout.write(f"synthetic policies made: {made} (seed {options['seed']}, numbers {start}–{start + made - 1})")
