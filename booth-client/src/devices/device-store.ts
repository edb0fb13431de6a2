import type { DeviceAction, DeviceErrorCode, PaymentStatus } from '@etapiste/shared';
import { create } from 'zustand';

export type TaskStep = 'preparing' | 'working' | 'placePaper' | 'check' | 'waitingForCard' | 'reading' | 'done' | 'failed';

/** The device action the customer sees on the booth screen (one at a time). */
export interface BoothDeviceTask {
  requestId: string;
  action: DeviceAction;
  step: TaskStep;
  error: DeviceErrorCode | null;
  /** print, acknowledgement: the pages rendered for the customer. */
  pages?: number;
  images?: string[];
  /** acknowledgement: the title the expert gave. */
  title?: string;
  /** scan: where the image comes from, and the image the customer checks before it is sent. */
  source?: 'scanner' | 'documentCamera';
  imageUrl?: string | null;
  /** payment */
  amountCents?: number;
  reference?: string;
  simulated?: boolean;
  paymentStatus?: PaymentStatus;
  /** payment: the customer's receipt, printed on request after an approved payment. */
  receipt?: 'printing' | 'printed' | DeviceErrorCode;
}

export interface BoothDeviceState {
  task: BoothDeviceTask | null;
  setTask: (task: BoothDeviceTask | null) => void;
  patchTask: (requestId: string, patch: Partial<BoothDeviceTask>) => void;
}

/** UI state of the booth's device actions, apart from the call store (the agent drives it). */
export const useBoothDevices = create<BoothDeviceState>()((set, get) => ({
  task: null,
  setTask: (task) => {
    const previous = get().task?.imageUrl;
    if (previous && previous !== task?.imageUrl) URL.revokeObjectURL(previous);
    set({ task });
  },
  patchTask: (requestId, patch) => {
    const task = get().task;
    if (task?.requestId !== requestId) return;
    if (patch.imageUrl !== undefined && task.imageUrl && task.imageUrl !== patch.imageUrl) URL.revokeObjectURL(task.imageUrl);
    set({ task: { ...task, ...patch } });
  },
}));
