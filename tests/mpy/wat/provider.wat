;; Exports used as imports by consumer.wat: a function and a memory.
(module
  (memory (export "mem") 256 (pagesize 1))
  (func (export "triple") (param i32) (result i32) local.get 0 i32.const 3 i32.mul)
  (func (export "poke") (param i32 i32) local.get 0 local.get 1 i32.store8)
)
