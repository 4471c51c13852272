import { autotaskModule } from './autotask/autotask.module.js';
import { connectwiseModule } from './connectwise/connectwise.module.js';
import { haloModule } from './halo/halo.module.js';
import type { SimPsa, SimulatorModule } from './module.js';

export const simulatorModules: Record<SimPsa, SimulatorModule> = {
  connectwise: connectwiseModule,
  autotask: autotaskModule,
  halo: haloModule,
};
