/*
 * samdp's layout probe: prints where the fields samdp reads live inside mjModel and mjData, as compiled against
 * the MuJoCo headers in use. samdp compiles and runs it once per MuJoCo version and caches the output, so the Java
 * binding never hard-codes a struct offset.
 *
 * Output, one "key=value" per line:
 *   scalar fields:  model.NAME=OFFSET:SIZE   (SIZE in bytes, so that 4- and 8-byte integers are read correctly)
 *   pointer fields: model.NAME=OFFSET        (the struct member holds a pointer to an mjtNum array)
 *   constants:      NAME=VALUE
 */
#include <stddef.h>
#include <stdio.h>
#include <mujoco/mujoco.h>

#define SCALAR(prefix, type, field) \
  printf(prefix "." #field "=%zu:%zu\n", offsetof(type, field), sizeof(((type*)0)->field))
#define POINTER(prefix, type, field) printf(prefix "." #field "=%zu\n", offsetof(type, field))
#define CONSTANT(name, value) printf(name "=%ld\n", (long)(value))

int main(void) {
  CONSTANT("header_version", mjVERSION_HEADER);
  CONSTANT("sizeof_mjtNum", sizeof(mjtNum));

  SCALAR("model", mjModel, nq);
  SCALAR("model", mjModel, nv);
  SCALAR("model", mjModel, nu);
  SCALAR("model", mjModel, na);
  SCALAR("model", mjModel, nbody);
  SCALAR("model", mjModel, njnt);
  SCALAR("model", mjModel, ngeom);
  SCALAR("model", mjModel, ntendon);
  printf("model.opt.timestep=%zu:%zu\n", offsetof(mjModel, opt) + offsetof(mjOption, timestep),
         sizeof(((mjOption*)0)->timestep));
  POINTER("model", mjModel, qpos0);
  POINTER("model", mjModel, body_mass);
  POINTER("model", mjModel, body_inertia);
  POINTER("model", mjModel, actuator_ctrlrange);

  SCALAR("data", mjData, time);
  POINTER("data", mjData, qpos);
  POINTER("data", mjData, qvel);
  POINTER("data", mjData, ctrl);
  POINTER("data", mjData, xpos);
  POINTER("data", mjData, xipos);
  POINTER("data", mjData, cinert);
  POINTER("data", mjData, cvel);
  POINTER("data", mjData, qfrc_actuator);
  POINTER("data", mjData, cfrc_ext);
  POINTER("data", mjData, ten_length);
  POINTER("data", mjData, ten_velocity);

  /* Warning statistics: an array of mjWarningStat, one per mjtWarning. */
  printf("data.warning=%zu\n", offsetof(mjData, warning));
  CONSTANT("warning.stride", sizeof(mjWarningStat));
  CONSTANT("warning.number", offsetof(mjWarningStat, number));
  CONSTANT("warning.lastinfo", offsetof(mjWarningStat, lastinfo));
  CONSTANT("warning.count", mjNWARNING);
  CONSTANT("warning.INERTIA", mjWARN_INERTIA);
  CONSTANT("warning.CONTACTFULL", mjWARN_CONTACTFULL);
  CONSTANT("warning.CNSTRFULL", mjWARN_CNSTRFULL);
  CONSTANT("warning.BADQPOS", mjWARN_BADQPOS);
  CONSTANT("warning.BADQVEL", mjWARN_BADQVEL);
  CONSTANT("warning.BADQACC", mjWARN_BADQACC);
  CONSTANT("warning.BADCTRL", mjWARN_BADCTRL);

  CONSTANT("obj.body", mjOBJ_BODY);
  CONSTANT("state.qpos", mjSTATE_QPOS);
  CONSTANT("state.qvel", mjSTATE_QVEL);
  CONSTANT("state.ctrl", mjSTATE_CTRL);
  return 0;
}
