"""Callbacks, one module per page, wiring only: inputs → the page's view → components (from the page's own module) or
figures. A callback imports no other page than its own. Importing this package registers every module in it."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
