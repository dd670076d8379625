// Every test file starts with batch indicator outputs pre-filled with a sentinel (see perturbOutputs in
// src/domain/indicators/output.ts): the batch forms allocate their outputs without zero-filling, and an
// element one of them left unwritten must fail the test that reads it rather than hold whatever the
// memory held. No indicator produces this value from the inputs the tests use.
import { perturbOutputs } from '../../src/domain/indicators/output.js';

export const UNWRITTEN_OUTPUT = 7.25e300;

perturbOutputs(UNWRITTEN_OUTPUT);
