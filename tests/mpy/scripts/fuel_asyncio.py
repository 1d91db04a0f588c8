# asyncio: two apps share the loop, each running in slices of fuel (the pattern an
# app manager uses to keep the device responsive).
import asyncio

import uwasm


async def run_in_slices(instance, name, *args, slice_fuel=200):
    try:
        return instance.call(name, *args, fuel=slice_fuel)
    except uwasm.OutOfFuel:
        pass
    while True:
        await asyncio.sleep(0)
        try:
            return instance.resume(slice_fuel)
        except uwasm.OutOfFuel:
            pass


async def main():
    a = uwasm.Instance(uwasm.Module(WASM["fuel"]))
    b = uwasm.Instance(uwasm.Module(WASM["fuel"]))
    return await asyncio.gather(run_in_slices(a, "sumsq", 3000), run_in_slices(b, "sumsq", 1000))


results = asyncio.run(main())
print(results)
