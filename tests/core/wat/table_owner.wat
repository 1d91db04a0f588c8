;; Exports a table that tests/core/api_check.c lets another module fill.
(module (table (export "tab") 10 funcref))
