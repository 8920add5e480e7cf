import { DeleteUserResponse, Paged, Roles as R, UserDto } from '@dqw/shared-types';
import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../../core/auth/access.decorators';
import { ErrorBodyDto } from '../../core/http/error-body.dto';
import { DeleteUserResult, UserPage, UserResponse } from './dto/responses.dto';
import { CreateUserDto, UpdateUserDto, UserListQueryDto } from './dto/user.dto';
import { toUserDto } from './user.mapper';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Roles(R.Admin)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users (filter by text, role, active)' })
  @ApiOkResponse({ type: UserPage })
  list(@Query() q: UserListQueryDto): Promise<Paged<UserDto>> {
    return this.users.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such user' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return toUserDto(await this.users.get(id));
  }

  @Post()
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Email already used' })
  async create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return toUserDto(await this.users.create(dto));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, role, active, password, or clear a lockout (locked: false)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such user' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Would leave no active Admin' })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return toUserDto(await this.users.update(id, dto));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a user, or deactivate one that has history' })
  @ApiOkResponse({ type: DeleteUserResult })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such user' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Would leave no active Admin' })
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<DeleteUserResponse> {
    return this.users.remove(id);
  }
}
