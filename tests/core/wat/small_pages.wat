;; 1-byte pages (custom-page-sizes): memory grows byte by byte up to the limit.
(module
  (memory (export "memory") 100 (pagesize 1))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0))))
