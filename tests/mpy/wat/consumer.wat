;; Links against provider.wat's exports.
(module
  (import "provider" "triple" (func $triple (param i32) (result i32)))
  (import "provider" "mem" (memory 256 (pagesize 1)))
  (func (export "nine_times") (param i32) (result i32) local.get 0 call $triple call $triple)
  (func (export "peek") (param i32) (result i32) local.get 0 i32.load8_u)
)
