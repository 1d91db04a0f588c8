;; Imports from the host: values in, values out, and a call back into Python.
(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "add" (func $add (param i64 f64) (result f64)))
  (import "env" "pair" (func $pair (result i32 i32)))
  (import "env" "reenter" (func $reenter))
  (func (export "hello") (param i32) local.get 0 call $log)
  (func (export "mix") (param i64 f64) (result f64) local.get 0 local.get 1 call $add)
  (func (export "sum_pair") (result i32) call $pair i32.add)
  (func (export "call_reenter") call $reenter)
  (func (export "ping") (result i32) i32.const 42)
)
