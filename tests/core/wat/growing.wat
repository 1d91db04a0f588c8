;; Same shape, but with memory.grow: a limit below its minimum must be refused.
(module
  (memory (export "memory") 2)
  (global (export "__heap_base") i32 (i32.const 1024))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
