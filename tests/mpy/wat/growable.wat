;; Like shrink.wat, but it can grow its memory: it cannot be cut below its minimum.
(module
  (memory (export "memory") 1)
  (global (export "__heap_base") i32 (i32.const 3000))
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
)
