from django.core.management.base import BaseCommand, CommandError

from frontline.regions.services import DivisionFileError, divisions_load_csv


class Command(BaseCommand):
    help = "Load or update divisions from a CSV file with columns code,name[,kind]."

    def add_arguments(self, parser):
        parser.add_argument("csv_path")

    def handle(self, *args, csv_path, **options):
        try:
            result = divisions_load_csv(actor=None, source=csv_path)
        except (DivisionFileError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{result['rows']} rows: {result['created']} created, {result['updated']} updated")
