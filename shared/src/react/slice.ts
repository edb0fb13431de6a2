/**
 * The `set`/`get` a shared slice needs. An app store's own zustand `set`/`get` fit these
 * types, so shared slices compose into each app's single store:
 * `create<AppState>()((set, get) => ({ ...createCallSlice()(set, get), ... }))`.
 */
export type SliceSet<T> = (partial: Partial<T> | ((state: T) => Partial<T>)) => void;
export type SliceGet<T> = () => T;
export type SliceCreator<T> = (set: SliceSet<T>, get: SliceGet<T>) => T;
