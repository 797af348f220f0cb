/** Bodies of the original's external API, kept byte for byte (see the seed README). */
export interface ExternalSpaceListResponse {
  spaces: string[];
  total: number;
}

export interface ExternalSpaceInfoResponse {
  id: string;
  /** The Hub's runtime stage unchanged (`RUNNING`, `SLEEPING`, `RUNTIME_ERROR`), or `unknown`, as the original's code answers. */
  status: string;
  last_modified: string | null;
  created_at: string | null;
  sdk: string | null;
  tags: string[];
  private: boolean;
}

export interface ExternalActionResponse {
  success: true;
  message: string;
}
