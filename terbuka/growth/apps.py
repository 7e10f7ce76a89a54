from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "terbuka.growth"
    verbose_name = "Growth (WHO z-scores)"
